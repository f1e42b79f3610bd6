import { Component } from '@angular/core';
import { Routes } from '@angular/router';

@Component({ selector: 'crm-contacts-placeholder', template: '<section class="crm-page"><h1>Contacts</h1></section>' })
class ContactsPlaceholder {}

export const contactsRoutes: Routes = [{ path: '', component: ContactsPlaceholder }];
